"""A seeded mutation fuzzer over every YAML file kind asfcert reads and every command.

    yamltext.py  a YAML file as a round-trip tree, with raw fragments for what ruamel never writes
    mutators.py  structural mutations: keys and items deleted, duplicated, swapped, renamed;
                 types changed; deep block and flow nesting; long strings, huge lists, many keys;
                 anchors, aliases and tags; control characters, TAB, U+0085, U+2028 in text;
                 dates at the edge of the calendar; huge and negative numbers
    textual.py   text, byte and file-name mutations: BOMs, line ends, comments, encodings,
                 invalid UTF-8, NUL bytes, flipped and cut bytes, names that are not UTF-8
    targets.py   the file kinds, the commands and which commands read which kind
    runner.py    plan, apply, run (with the corpus's harness, tests/corpus/harness.py) and judge
                 one case; a script for long runs with a summary of the distinct failures

tests/test_fuzz.py runs a bounded number of cases in `make test`; the environment chooses
more (see there). A failing case prints the command that replays exactly that case."""
