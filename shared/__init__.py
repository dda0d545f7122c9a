"""The project's own library: one home for every mechanism the services share.

Nothing in here imports a service; services import from here.
"""
