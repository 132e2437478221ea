"""`asfcert registry build`: the public ASF list as a static site.

    listing.py  which certificates are listed (valid as of a date, one per company) and the
                public details of each company, read from its company.yaml
    build.py    the output folder: guards, atomic writes, removing pages no longer listed

The renderers are pure functions in render/site_html.py and render/site_data.py, with
templates in templates/site/. See docs/registry-site.md.
"""
