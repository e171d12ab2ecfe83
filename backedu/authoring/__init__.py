"""Tools for the people who write the course, not for lesson pages: reading level of each lesson
(needs the ``authoring`` extra)."""
