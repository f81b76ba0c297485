"""Pure domain: change-type schemas, validators, Law 1163 rules, Turkish text folding.

Imports only the standard library and python-stdnum (pure-Python checksum code).
"""
