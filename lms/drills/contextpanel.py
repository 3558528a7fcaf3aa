"""The side panel's 客户 / 商品 / 订单 tabs from a scenario's free-form context."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

TABS = (
    ("customer", _("Customer info")),
    ("product", _("Product info")),
    ("order", _("Order info")),
)

# Field names authors use in context (content/drills/README.md); others are
# shown as written.
LABELS = {
    "nick": _("Nickname"),
    "level": _("Membership level"),
    "note": _("Note"),
    "address": _("Address"),
    "id": _("Order number"),
    "status": _("Status"),
    "amount": _("Amount paid"),
    "items": _("Items"),
    "paid_at": _("Paid at"),
    "shipped_at": _("Shipped at"),
    "signed_at": _("Signed for at"),
    "logistics": _("Logistics"),
    "carrier": _("Carrier"),
    "carriers": _("Carriers"),
    "tracking_no": _("Tracking number"),
    "trace": _("Tracking history"),
    "estimate": _("Estimated delivery"),
    "delivery_estimate": _("Estimated delivery"),
    "policy": _("Policy"),
    "address_change": _("Address change"),
    "freight_insurance": _("Return shipping insurance"),
    "no_reason": _("7-day no-reason returns"),
    "refund": _("Refund"),
    "refund_request": _("Refund request"),
    "remark": _("Buyer's remark"),
    "return_address": _("Return address"),
    "reviews": _("Reviews"),
    "seller_fault": _("Seller at fault"),
    "stock": _("Stock"),
    "exchange": _("Exchange"),
    "exchange_flow": _("How to exchange"),
    "exchange_postage": _("Exchange postage"),
    "quality": _("Quality issues"),
    "postage": _("Postage"),
    "price": _("Price"),
    "dispatch": _("Dispatch"),
    "damaged_on_arrival": _("Damaged on arrival"),
    "not_shipped": _("Not shipped yet"),
    "not_delivered": _("Not delivered"),
    "other_orders": _("Other orders"),
    "sku": _("SKU"),
    "title": _("Product"),
    "colors": _("Colours"),
    "sizes": _("Sizes"),
    "materials": _("Materials"),
    "features": _("Features"),
    "fit": _("Fit"),
    "size_chart": _("Size chart"),
    "care": _("Care"),
    "excluded_regions": _("Excluded regions"),
    "foot_length": _("Foot length"),
    "free_shipping": _("Free shipping"),
    "how_to_measure": _("How to measure"),
    "promotion": _("Promotion"),
    "related": _("Related products"),
    "rule": _("Rule"),
    "ships_from": _("Ships from"),
    "weight": _("Weight"),
}
MONEY = {"price", "amount"}


@dataclass
class Entry:
    label: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    children: list[Entry] = field(default_factory=list)


@dataclass
class Tab:
    key: str
    label: str
    entries: list[Entry]


def label_for(key: Any) -> str:
    return str(LABELS.get(str(key), str(key).replace("_", " ")))


def _text(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if key in MONEY and isinstance(value, int | float):
        return f"¥{value:g}"
    return str(value)


def entries(node: Mapping[str, Any]) -> list[Entry]:
    found = []
    for key, value in node.items():
        entry = Entry(label=label_for(key))
        if isinstance(value, Mapping):
            entry.children = entries(value)
        elif isinstance(value, list | tuple):
            entry.items = [
                _text(str(key), v)
                if not isinstance(v, Mapping)
                else "；".join(f"{label_for(k)}：{x}" for k, x in v.items())
                for v in value
            ]
        else:
            entry.text = _text(str(key), value)
        found.append(entry)
    return found


def context_tabs(context: Mapping[str, Any]) -> list[Tab]:
    tabs = []
    for key, label in TABS:
        value = context.get(key)
        tabs.append(
            Tab(key, str(label), entries(value) if isinstance(value, Mapping) else [])
        )
    for key, value in context.items():
        if key not in dict(TABS) and isinstance(value, Mapping):
            tabs.append(Tab(str(key), label_for(key), entries(value)))
    return tabs
