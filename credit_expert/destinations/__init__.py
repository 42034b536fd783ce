"""Where lead events go: a generic signed webhook, Bitrix24, amoCRM, the managers' chat.

Each destination is one module with one class implementing `Destination`; the
outbox (credit_expert/outbox.py) hands it one `Delivery` at a time, per
destination, in order per lead, at least once.
"""
