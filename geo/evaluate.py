"""Stub: replaced by the implementation."""


def add_arguments(parser):
    pass


def run(args):
    raise NotImplementedError("geo.evaluate is not implemented yet")
