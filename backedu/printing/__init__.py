"""Printing: write the worksheets (built in ``backedu.views.worksheets``) and print them to PDF
with a headless Chromium."""
