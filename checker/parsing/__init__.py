"""Parsing: kind detection, the Lark grammar and the document model it becomes."""
