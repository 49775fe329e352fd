"""Stub: replaced by the implementation."""


def add_arguments(parser):
    pass


def run(args):
    raise NotImplementedError("geo.layers is not implemented yet")
