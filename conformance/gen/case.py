# SPDX-License-Identifier: MIT
"""One case as the groups describe it."""


class Case:
    def __init__(self, id, title, response, doc=None, expect=None, accept=None,
                 rules=(), tags=(), source="SPEC.md",
                 can_handle=None, server_build=None, response_name="response.xml"):
        self.id = id
        self.title = title
        self.response = response          # str (UTF-8) or bytes, exact
        self.doc = doc                    # model.Doc: expectation computed
        self.expect = expect              # lines, or {profile: lines}
        self.accept = accept              # list of lines: a "may" case
        self.cls = "may" if accept else "must"
        self.rules = list(rules)
        self.tags = list(tags)
        self.source = source
        self.can_handle = can_handle      # None: header absent; [""]: empty
        self.server_build = server_build
        self.response_name = response_name
        if (doc is None) == (expect is None) and not accept:
            raise ValueError(id + ": give doc or expect")
