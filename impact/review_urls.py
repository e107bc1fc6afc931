"""The sustainability reviews' routes, in the impact namespace (included by impact.urls)."""

urlpatterns: list = []
