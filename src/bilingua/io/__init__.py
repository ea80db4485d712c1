"""Streaming readers and writers for corpus files, independent of the command line.

Readers yield ``(source, line_no, record_or_reject)``; writers take records.
Both stream: memory holds one record (or one Parquet row group) at a time,
whatever the size of the corpus.
"""

from .formats import FORMATS, format_of
from .inputs import InputError, Inputs, expand_inputs, source_format
from .output import Output, OutputError, check_output_path, load_checkpoint, part_path
from .readers import STDIN, Item, JsonLine, Reject, read_records
from .records import META_KEY, UnwritableRecord, flatten_record, unflatten_record
from .writers import PartWriter, RecordWriter, make_writer

__all__ = [
    "FORMATS",
    "META_KEY",
    "STDIN",
    "InputError",
    "Inputs",
    "Item",
    "JsonLine",
    "Output",
    "OutputError",
    "PartWriter",
    "RecordWriter",
    "Reject",
    "UnwritableRecord",
    "check_output_path",
    "load_checkpoint",
    "part_path",
    "expand_inputs",
    "flatten_record",
    "format_of",
    "make_writer",
    "read_records",
    "source_format",
    "unflatten_record",
]
