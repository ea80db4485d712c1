"""Engines that run a corpus elsewhere than in this machine's process pool (:mod:`bilingua.runner`).

An engine reads, cleans and writes the same records as the local runner and
must give the same output bytes, rejects and summary; only where the work
happens differs.
"""


class EngineError(RuntimeError):
    """The cluster could not run the job; the message says what to check.

    Defined here rather than with the engine, so that the CLI can catch it
    without importing an engine (and what it imports) on every run.
    """
