"""JSON Schema of each event (its envelope with typed data), written into `contracts/events/`."""

import json
import sys
from pathlib import Path
from typing import Any

from kit.events import Envelope, EventData

from cse_contracts.events import ALL_EVENTS

OUT_DIR = Path(__file__).resolve().parents[2] / "events"


def event_schema(model: type[EventData]) -> dict[str, Any]:
    envelope = Envelope.model_json_schema()
    data = model.model_json_schema(ref_template="#/$defs/{model}")
    defs = {**envelope.pop("$defs", {}), **data.pop("$defs", {})}
    envelope["properties"]["type"] = {"const": model.event_type, "type": "string"}
    envelope["properties"]["schemaversion"] = {"const": model.schema_version, "type": "integer"}
    envelope["properties"]["data"] = data
    envelope["title"] = model.event_type
    envelope["description"] = (model.__doc__ or model.event_type).strip()
    envelope["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    envelope["$id"] = f"https://cse.example.org/contracts/events/{model.event_type}.schema.json"
    if defs:
        envelope["$defs"] = defs
    return envelope


def rendered() -> dict[str, str]:
    return {
        f"{model.event_type}.schema.json": json.dumps(
            event_schema(model), ensure_ascii=False, indent=2, sort_keys=True
        )
        + "\n"
        for model in ALL_EVENTS
    }


def main() -> None:
    OUT_DIR.mkdir(exist_ok=True)
    for name, text in rendered().items():
        (OUT_DIR / name).write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {len(ALL_EVENTS)} schemas to {OUT_DIR}\n")


if __name__ == "__main__":
    main()
