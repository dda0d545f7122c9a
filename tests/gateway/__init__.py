"""Tests of the gateway: routing, edges, deadlines, docs, CORS, observability."""
