"""Outputs: tables for the terminal, exports, charts, the web app, the API and reports."""
