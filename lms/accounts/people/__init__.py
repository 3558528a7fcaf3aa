"""Bulk import and export of people (HR's new-hire spreadsheets).

reading.py turns a CSV/XLSX upload into a table of text cells; columns.py names
the columns; rows.py checks every row against the rules and what the database
already holds and says what would be created, updated or refused; applying.py
writes a plan in one transaction; exporting.py writes the same columns back.
"""
