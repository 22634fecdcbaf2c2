"""The ``kg`` command line.

Each pipeline stage owns its command in ``kg/<stage>/commands.py``; this
group imports a command only when it is run, so ``kg parse`` never pays for
Flask or pyshacl.
"""
from __future__ import annotations

import importlib

import click

# command name -> (module, attribute)
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("kg.parse.commands", "parse_command"),
    "accuracy": ("kg.parse.accuracy", "accuracy_command"),
    "link": ("kg.link.commands", "link_command"),
    "map": ("kg.map.commands", "map_command"),
    "validate": ("kg.validate.commands", "validate_command"),
    "build": ("kg.store.commands", "build_command"),
    "dump": ("kg.publish.commands", "dump_command"),
    "serve": ("kg.serve.commands", "serve_command"),
    "bench": ("kg.bench.commands", "bench_command"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module_name, attr = COMMANDS[name]
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith("kg."):
                return _unavailable(name)
            raise
        return getattr(module, attr)


def _unavailable(name: str) -> click.Command:
    def run() -> None:
        raise click.ClickException(f"'kg {name}' is not available in this version")

    return click.Command(name, callback=run, help="(not available in this version)")


@click.group(cls=LazyGroup)
@click.version_option(package_name="un-resolutions-kg")
def main() -> None:
    """Turn UN resolutions into a validated, linked knowledge graph and publish it."""


if __name__ == "__main__":
    main()
