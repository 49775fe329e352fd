"""A user's own boundary file given in pieces: a Shapefile without its .dbf or .shx is named as such."""

from __future__ import annotations

import pytest

from geo.layers_read import load_admin
from geo.layers_user import BoundaryError, load_user_boundaries


@pytest.fixture
def rizhao_shapefile(tmp_path):
    counties = load_admin("counties", "full")
    mine = counties[counties["adcode"].str.startswith("3711")][["adcode", "geometry"]]
    path = tmp_path / "rizhao.shp"
    mine.to_file(path, driver="ESRI Shapefile")
    return path


def test_the_whole_shapefile_loads(rizhao_shapefile):
    assert len(load_user_boundaries(rizhao_shapefile)) == 4


@pytest.mark.parametrize("part", [".dbf", ".shx"])
def test_a_shapefile_missing_a_part_is_named(rizhao_shapefile, part):
    rizhao_shapefile.with_suffix(part).unlink()
    with pytest.raises(BoundaryError, match=rf"rizhao\.shp: .*the Shapefile's \{part} file .* is missing"):
        load_user_boundaries(rizhao_shapefile)
    with pytest.raises(BoundaryError, match=rf"the Shapefile's \{part} file"):  # the folder given instead
        load_user_boundaries(rizhao_shapefile.parent)


def test_upper_case_parts_count(rizhao_shapefile):
    dbf = rizhao_shapefile.with_suffix(".dbf")
    dbf.rename(dbf.with_suffix(".DBF"))
    assert len(load_user_boundaries(rizhao_shapefile)) == 4
