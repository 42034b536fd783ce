"""Where lead events go: a generic signed webhook, Bitrix24, amoCRM, the managers' chat.

Each destination is one module with one class implementing `Destination`; the
outbox (credit_expert/outbox.py) hands it one `Delivery` at a time, per
destination, in order per lead, at least once.
"""

from __future__ import annotations

from credit_expert.config import CRMSettings
from credit_expert.destinations.amocrm import AmoCRMDestination
from credit_expert.destinations.base import Destination
from credit_expert.destinations.bitrix24 import Bitrix24Destination
from credit_expert.destinations.webhook import WebhookDestination


def crm_destinations(crm: CRMSettings) -> list[Destination]:
    """The HTTP destinations the settings enable (the managers' chat is wired apart)."""
    found: list[Destination] = []
    if crm.webhook_url and crm.webhook_secret:
        found.append(WebhookDestination(crm.webhook_url, crm.webhook_secret))
    if crm.bitrix24_webhook_url:
        found.append(Bitrix24Destination(crm.bitrix24_webhook_url, crm.bitrix24_mode))
    if crm.amocrm_base_url and crm.amocrm_token:
        found.append(
            AmoCRMDestination(
                crm.amocrm_base_url,
                crm.amocrm_token,
                pipeline_id=crm.amocrm_pipeline_id,
                status_id=crm.amocrm_status_id,
            )
        )
    return found
