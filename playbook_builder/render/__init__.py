"""Markdown pages, links, open data and the HTML sanitiser for one edition."""
