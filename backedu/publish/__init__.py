"""The course as a static website whose Python runs in each student's browser (`backedu static`).

``build`` is the pipeline; ``sitewheel`` makes the course's own wheel for the site (the student
lessons' code and a sealed content snapshot); ``wheels`` fetches, precompiles and locks every
wheel the pages load; ``prerender`` puts what needs no kernel into each page's HTML. The page
template is in ``template/``; ``site_startup.py`` runs in the browser as each page's Python starts.
Needs the `static` extra and npm's pyodide; nothing here is imported by the lessons.
"""
