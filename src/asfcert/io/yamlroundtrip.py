"""ruamel's round-trip parser as io/yamlfile.py reads the files asfcert writes back (the
audit record): its scanner, reading a tab between tokens as libyaml does, and the safe
constructor that gives the plain data every other parse gives. Only ruamel is imported,
and only when a round trip is asked for."""

from __future__ import annotations


def round_trip_scanner():
    """ruamel's round-trip scanner, reading a tab between tokens on a line or inside plain
    text as libyaml and the YAML spec do (ruamel refuses every such tab: one pasted into an
    auditor's comment made the record unreadable). Tabs used for indentation stay refused."""
    from ruamel.yaml.scanner import RoundTripScanner

    class Scanner(RoundTripScanner):
        def scan_to_next_token(self):
            reader = self.reader
            if not self.flow_level and reader.buffer[reader.pointer - reader.column:reader.pointer].strip():
                while reader.peek() in " \t":  # between tokens on a line (`key:<tab>value`), not indentation
                    reader.forward()
            return super().scan_to_next_token()

        def scan_plain_spaces(self, indent, start_mark):
            peek, length = self.reader.peek, 0
            while peek(length) in " \t":
                length += 1
            if "\t" in self.reader.prefix(length):
                if peek(length) in "\0\r\n\x85\u2028\u2029#":  # at the end of the text: not part of it
                    self.reader.forward(length)
                else:  # between words: part of the text
                    spaces = self.reader.prefix(length)
                    self.reader.forward(length)
                    return [spaces]
            return super().scan_plain_spaces(indent, start_mark)

    return Scanner


def safe_constructor(yaml):
    """The safe constructor, for the nodes a round-trip parser composed: the plain data is
    exactly what every other file's parse gives."""
    from ruamel.yaml.constructor import SafeConstructor

    yaml.constructor  # noqa: B018 - the round-trip constructor stays the loader's own
    return SafeConstructor(loader=yaml)
