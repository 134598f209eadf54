"""Outputs that are not the web app: terminal tables, exports, charts, reports and i18n."""
