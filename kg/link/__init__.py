"""Pipeline stage: link.

Recognise organizations, States, places, meetings/events and dates in a
``Resolution`` and link them to Wikidata QIDs from the shipped tables
(``kg/data/``; see ``kg.link.gazetteer``).  ``kg link --online`` refreshes them.
"""
from kg.link.gazetteer import Gazetteer, link_state_name, load_gazetteer
from kg.link.recognize import link, link_votes

__all__ = ["Gazetteer", "link", "link_state_name", "link_votes", "load_gazetteer"]
