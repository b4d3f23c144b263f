"""Helpers for documenting the API's operations in its OpenAPI description."""


def example_response(value, *, status: int = 200, media_type: str = "application/json",
                     description: str | None = None) -> dict:
    """`openapi_extra` for a route: an example of its answer (shown by /api/v1/docs)."""
    response: dict = {"content": {media_type: {"example": value}}}
    if description:
        response["description"] = description
    return {"responses": {status: response}}
