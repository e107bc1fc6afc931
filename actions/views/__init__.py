"""The action pages: plan.py (lists, the action page and every change to an action),
statement.py (the written statement and progress report), spreadsheets.py (Excel in and out)."""
