"""CLI sub-commands, one module each; `orgkg.cli` discovers them."""
