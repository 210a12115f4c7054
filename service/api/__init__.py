"""The HTTP API: `service.api.app.create_api(settings)` builds the JSON API.

The application with the editor's pages on top is composed in `service.app` (the API never
imports the pages).
"""
