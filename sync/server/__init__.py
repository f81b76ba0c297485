"""Reference KOOP-BİS server: the sync API contract, run for training and tests.

``create_app`` builds the ASGI app (FastAPI); ``koopbis-server`` (``cli.main``)
runs it with uvicorn. Only ``koopbis_desktop.domain`` is shared with the desktop,
so the server rejects exactly what the client's own validation rejects.
"""
