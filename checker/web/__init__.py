"""The QA desk in a browser: `report-checker serve` (issue 14).

`app.py` is the Starlette application (the page, `POST /check`,
`POST /annotate`, `GET /health`, its security headers and token);
`pool.py` runs the checking in a bounded process pool, so one long PDF never
blocks the page for others; `jobs.py` is what a worker process does with one
upload. The page itself is data: templates/web/ (HTML, CSS and one script,
served from this origin; nothing is fetched from anywhere else).
"""
