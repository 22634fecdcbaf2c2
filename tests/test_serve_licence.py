"""The licence the pages show is the licence the release states for the data."""
from kg.publish.licences import LICENCES
from kg.serve.config import ServeConfig


def test_pages_show_the_same_data_licence_as_the_catalogue():
    assert ServeConfig(store_path="unused").licence_url == LICENCES["data"].url
