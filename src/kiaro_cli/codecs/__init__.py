"""Codecs: pure translation between bytes (or text) and plain dataclasses.

CSV and JSON writers with spreadsheet formula escaping (``tabular``), reading a CSV table
(``csv_table``), Excel workbooks out and in (``xlsx``), vCards in and out (``vcard``), the
iCalendar feed out (``ics``). A codec
imports nothing of the core: the core maps its records to and from these dataclasses.
"""
