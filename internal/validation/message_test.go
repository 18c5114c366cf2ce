package validation_test

import (
	"strings"
	"testing"

	"github.com/borasstad/lokalbanken/internal/fault"
	"github.com/borasstad/lokalbanken/internal/i18n"
	"github.com/borasstad/lokalbanken/internal/validation"
)

func TestMessage(t *testing.T) {
	tests := []struct {
		f      fault.FieldError
		sv, en string
	}{
		{fault.FieldError{Field: "name", Code: "required"},
			"Namn måste anges.", "Name is required."},
		{fault.FieldError{Field: "name", Code: "max_len", Param: "200"},
			"Namn får vara högst 200 tecken.", "Name must be at most 200 characters long."},
		{fault.FieldError{Field: "area_m2", Code: "max", Param: "100000"},
			"Yta (m²) får vara högst 100\u00a0000.", "Area (m²) must be at most 100,000."},
		{fault.FieldError{Field: "area_m2", Code: "gt", Param: "0.5"},
			"Yta (m²) måste vara större än 0,5.", "Area (m²) must be greater than 0.5."},
		{fault.FieldError{Field: "facilities", Code: "max_items", Param: "20"},
			"Utrustning får ha högst 20 val.", "Facilities must have at most 20 items."},
		{fault.FieldError{Field: "org_number", Code: "orgnr"},
			"Organisationsnumret har fel kontrollsiffra eller fel form (NNNNNN-NNNN).",
			"The organisation number is not valid (check digit or format; expected NNNNNN-NNNN)."},
		{fault.FieldError{Field: "kind", Code: "oneof", Param: "city association other"},
			"Typ måste vara något av följande: city, association, other.", "Type must be one of: city, association, other."},
		{fault.FieldError{Field: "longitude", Code: "required_with", Param: "latitude"},
			"Longitud måste anges när latitud anges.", "Longitude is required when latitude is given."},
		{fault.FieldError{Field: "x", Code: "required_with", Param: "latitude owner_id kind"},
			"X måste anges när latitud, ägare eller typ anges.", "X is required when latitude, owner or type is given."},
		{fault.FieldError{Field: "capacity", Code: "type", Param: "integer"},
			"Kapacitet har fel typ: värdet ska vara ett heltal.", "Capacity has the wrong type: expected a whole number."},
		{fault.FieldError{Field: "address.postal_code", Code: "postnr"},
			"Postnumret ska ha fem siffror (NNN NN) och får inte börja med 0.",
			"The postal code must have five digits (NNN NN) and must not start with 0."},
		{fault.FieldError{Field: "rooms[2].name", Code: "notblank"},
			"Namn får inte bestå av bara blanksteg.", "Name must not be blank."},
		{fault.FieldError{Field: "accessibility.note", Code: "max_len", Param: "2000"},
			"Beskrivning av tillgängligheten får vara högst 2000 tecken.", "Accessibility note must be at most 2000 characters long."},
		{fault.FieldError{Field: "colour", Code: "unknown_field"},
			"Colour är inget fält som kan anges här.", "Colour is not a field that can be set here."},
		{fault.FieldError{Field: "owner_id", Code: "archived"},
			"Ägare hänvisar till något som är arkiverat.", "Owner refers to something that has been archived."},
		{fault.FieldError{Code: "malformed"},
			"Innehållet kunde inte läsas.", "Request body could not be read."},
		{fault.FieldError{Field: "name", Code: "no_such_code"},
			"Namn har ett ogiltigt värde.", "Name has an invalid value."},
	}
	for _, tt := range tests {
		if got := validation.Message(i18n.SV, tt.f); got != tt.sv {
			t.Errorf("sv %+v:\n got %q\nwant %q", tt.f, got, tt.sv)
		}
		if got := validation.Message(i18n.EN, tt.f); got != tt.en {
			t.Errorf("en %+v:\n got %q\nwant %q", tt.f, got, tt.en)
		}
	}
}

func TestLabel(t *testing.T) {
	tests := []struct{ field, sv, en string }{
		{"org_number", "organisationsnummer", "organisation number"},
		{"address.street_address", "gatuadress", "street address"},
		{"facilities[3]", "utrustning", "facilities"},
		{"accessibility.note", "beskrivning av tillgängligheten", "accessibility note"},
		{"venue.extra.colour_code", "colour_code", "colour_code"},
		{"", "innehållet", "request body"},
	}
	for _, tt := range tests {
		if got := validation.Label(i18n.SV, tt.field); got != tt.sv {
			t.Errorf("Label(sv, %q) = %q, want %q", tt.field, got, tt.sv)
		}
		if got := validation.Label(i18n.EN, tt.field); got != tt.en {
			t.Errorf("Label(en, %q) = %q, want %q", tt.field, got, tt.en)
		}
	}
}

func TestKnownCodes(t *testing.T) {
	codes := validation.KnownCodes()
	for _, c := range []string{
		"required", "min", "max", "len", "gte", "lte", "gt", "lt", "oneof", "email", "url", "httpurl",
		"uuid", "orgnr", "postnr", "facility", "notblank", "phone", "latitude", "longitude", "unique",
		"dive", "numeric", "min_len", "max_len", "min_items", "max_items", "len_items", "eq",
		"required_with", "unknown_field", "type", "malformed", "duplicate", "not_found", "archived",
		"parent_kind", "parent_self",
	} {
		if !contains(codes, c) {
			t.Errorf("no message for %q", c)
		}
	}
	for _, c := range codes {
		for _, lang := range []i18n.Lang{i18n.SV, i18n.EN} {
			m := validation.Message(lang, fault.FieldError{Field: "name", Code: c, Param: "3"})
			if m == "" || strings.Contains(m, "{") || !strings.HasSuffix(m, ".") {
				t.Errorf("%s message for %q: %q", lang, c, m)
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
