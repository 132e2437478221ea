"""`asfcert registry build`: the public ASF list as a static site."""
