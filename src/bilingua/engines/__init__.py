"""Engines that run a corpus elsewhere than in this machine's process pool (:mod:`bilingua.runner`).

An engine reads, cleans and writes the same records as the local runner and
must give the same output bytes, rejects and summary; only where the work
happens differs.
"""
