"""amoCRM (API v4) with a long-lived token (AMOCRM_BASE_URL, AMOCRM_TOKEN).

A new lead is one `POST /api/v4/leads/complex` (the lead, its contact with
the phone, in AMOCRM_PIPELINE_ID / AMOCRM_STATUS_ID) plus a note with the
summary; later events update the lead by its id. The lead's name ends with
"#<lead key>", and before creating one we search for it (`GET /api/v4/leads
?query=`), so a retry after a create whose answer was lost finds the first.

amoCRM documents no delete in its API: on /forget the contact's personal
fields and the lead's name and note are blanked, and a task asks a manager to
delete both by hand (152-ФЗ art. 21).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx2

from credit_expert.destinations.base import (
    LEAD_FORGOTTEN,
    LEAD_OPTED_OUT,
    Delivery,
    lead_title,
)
from credit_expert.destinations.bitrix24 import lead_comments

WON_STATUS_ID = 142  # amoCRM's fixed "Успешно реализовано"
LOST_STATUS_ID = 143  # and "Закрыто и не реализовано"
OUTCOME_STATUS = {"contract": WON_STATUS_ID, "refused": LOST_STATUS_ID}
FORGOTTEN_NAME = "Удалено по запросу (152-ФЗ)"
DELETE_TASK = (
    "Человек отозвал согласие / попросил удалить данные: удалите эту сделку и её контакт"
    " вручную (152-ФЗ ст. 21)"
)


class AmoCRMDestination:
    name = "amocrm"

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        pipeline_id: int | None = None,
        status_id: int | None = None,
        timeout: float = 10.0,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._pipeline_id = pipeline_id
        self._status_id = status_id
        self._clock = clock
        self._client = httpx2.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {token}"},
            timeout=timeout,
        )

    async def _request(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        response = await self._client.request(method, path, json=body, params=params or None)
        response.raise_for_status()
        return response.json() if response.content else None

    async def deliver(self, delivery: Delivery) -> Mapping[str, Any] | None:
        if delivery.kind == LEAD_FORGOTTEN:
            await self._forget(delivery.refs)
            return None
        lead_id = delivery.refs.get("lead_id")
        contact_id = delivery.refs.get("contact_id")
        if not lead_id:
            found = await self._find(delivery)
            if found is None:
                return await self._create(delivery)
            lead_id, contact_id = found
        await self._update(delivery, int(lead_id), contact_id)
        return {"lead_id": str(lead_id), "contact_id": str(contact_id or "")}

    def _name(self, delivery: Delivery) -> str:
        return f"{lead_title(delivery.payload)} #{delivery.lead_key}"

    async def _create(self, delivery: Delivery) -> Mapping[str, Any]:
        payload = delivery.payload
        contact: dict[str, Any] = {"first_name": payload.get("name") or ""}
        if payload.get("phone"):
            contact["custom_fields_values"] = [
                {"field_code": "PHONE", "values": [{"value": payload["phone"], "enum_code": "MOB"}]}
            ]
        lead: dict[str, Any] = {
            "name": self._name(delivery),
            "_embedded": {"contacts": [contact], "tags": [{"name": "Telegram"}]},
        }
        if self._pipeline_id is not None:
            lead["pipeline_id"] = self._pipeline_id
        if self._status_id is not None:
            lead["status_id"] = self._status_id
        [created] = await self._request("POST", "/api/v4/leads/complex", [lead])
        lead_id, contact_id = created["id"], created.get("contact_id")
        await self._note(lead_id, lead_comments(payload))
        return {"lead_id": str(lead_id), "contact_id": str(contact_id or "")}

    async def _find(self, delivery: Delivery) -> tuple[int, Any] | None:
        found = await self._request(
            "GET", "/api/v4/leads", query=delivery.lead_key, **{"with": "contacts"}
        )
        for lead in ((found or {}).get("_embedded") or {}).get("leads", []):
            if str(lead.get("name", "")).endswith(f"#{delivery.lead_key}"):
                contacts = (lead.get("_embedded") or {}).get("contacts") or [{}]
                return int(lead["id"]), contacts[0].get("id")
        return None

    async def _update(self, delivery: Delivery, lead_id: int, contact_id: Any) -> None:
        payload = delivery.payload
        changes: dict[str, Any] = {"name": self._name(delivery)}
        if payload.get("outcome") in OUTCOME_STATUS:
            changes["status_id"] = OUTCOME_STATUS[payload["outcome"]]
            if self._pipeline_id is not None:
                changes["pipeline_id"] = self._pipeline_id
        await self._request("PATCH", f"/api/v4/leads/{lead_id}", changes)
        note = lead_comments({**payload, "opted_out": delivery.kind == LEAD_OPTED_OUT})
        await self._note(lead_id, f"Обновление заявки:\n{note}")

    async def _note(self, lead_id: int, text: str) -> None:
        await self._request(
            "POST",
            f"/api/v4/leads/{lead_id}/notes",
            [{"note_type": "common", "params": {"text": text}}],
        )

    async def _forget(self, refs: Mapping[str, Any]) -> None:
        lead_id, contact_id = refs.get("lead_id"), refs.get("contact_id")
        if contact_id:
            await self._request(
                "PATCH",
                f"/api/v4/contacts/{contact_id}",
                {
                    "name": FORGOTTEN_NAME,
                    "first_name": "",
                    "last_name": "",
                    "custom_fields_values": [{"field_code": "PHONE", "values": None}],
                },
            )
        if lead_id:
            await self._request("PATCH", f"/api/v4/leads/{lead_id}", {"name": FORGOTTEN_NAME})
            due = int((self._clock() + timedelta(days=1)).timestamp())
            await self._request(
                "POST",
                "/api/v4/tasks",
                [
                    {
                        "text": DELETE_TASK,
                        "complete_till": due,
                        "entity_id": int(lead_id),
                        "entity_type": "leads",
                    }
                ],
            )

    async def close(self) -> None:
        await self._client.aclose()
