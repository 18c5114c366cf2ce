// Package api holds the OpenAPI description of the JSON API under /api/v1. The document is
// embedded so that the binary serves exactly the description it was built with, and a test in
// internal/httpapi holds the router and the document to each other.
package api

import _ "embed"

// Spec is the OpenAPI 3.0.3 document (YAML) describing every route under /api/v1. Its paths
// are relative to its one server URL, /api/v1. The operational endpoints (/healthz, /readyz,
// /metrics) are not part of it. Callers must not modify the slice.
//
//go:embed openapi.yaml
var Spec []byte
