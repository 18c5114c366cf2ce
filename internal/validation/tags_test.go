package validation_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/borasstad/lokalbanken/internal/validation"
)

type node struct {
	Name     string           `validate:"required,max=10"`
	Children []*node          `validate:"dive"`
	Byname   map[string]*leaf `binding:"dive,keys,alphanum|numeric,endkeys"`
	hidden   string           `validate:"uuid"`
	Skip     string           `validate:"-"`
}

type leaf struct {
	Value *int `validate:"omitempty,gte=0"`
}

func TestTagsOf(t *testing.T) {
	want := []string{"alphanum", "gte", "max", "numeric", "required"}
	if diff := cmp.Diff(want, validation.TagsOf(&node{hidden: "x"})); diff != "" {
		t.Errorf("TagsOf (-want +got):\n%s", diff)
	}
	want = []string{"email", "facility", "gt", "gte", "latitude", "len", "longitude", "lt", "lte", "max",
		"min", "notblank", "oneof", "postnr", "required", "required_with", "unique"}
	if diff := cmp.Diff(want, validation.TagsOf([]sample{})); diff != "" {
		t.Errorf("TagsOf (-want +got):\n%s", diff)
	}
}

// TestTagsKnown is the check every package with input structs should make: each rule used
// has a message.
func TestTagsKnown(t *testing.T) {
	known := validation.KnownCodes()
	for _, tag := range validation.TagsOf(sample{}) {
		if !contains(known, tag) {
			t.Errorf("tag %q has no message", tag)
		}
	}
}
