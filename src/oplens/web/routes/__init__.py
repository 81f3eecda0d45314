"""The routers of the web app, one module per kind of page."""

from oplens.web.routes import analyse, articles, authors, docs, predictions

ROUTERS = (analyse.router, articles.router, predictions.router, authors.router, docs.router)
