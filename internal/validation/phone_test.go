package validation_test

import "testing"

func TestPhone(t *testing.T) {
	checkTag(t, "phone", []tagCase{
		{"033-35 70 00", true},
		{"+46 33 35 70 00", true},
		{"+46 (0)33-357000", true},
		{"0703123456", true},
		{"123456", true},
		{" 033-357000 ", true},
		{"12345", false},                 // too short
		{"123456789012345678901", false}, // too long
		{"+46 ()- 12", false},            // too few digits
		{"033/357000", false},
		{"033.35.70.00", false},
		{"tel 0333570", false},
		{"", false},
		{33357000, false},
	})
}
