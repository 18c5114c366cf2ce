package validation_test

import "testing"

func TestFacility(t *testing.T) {
	checkTag(t, "facility", []tagCase{
		{"projector", true},
		{"video_conference", true},
		{"wifi", true},
		{"WiFi", false},
		{"jacuzzi", false},
		{" wifi", false},
		{"", false},
		{3, false},
	})
	checkTag(t, "dive,facility", []tagCase{
		{[]string{}, true},
		{[]string{"kitchen", "piano"}, true},
		{[]string{"kitchen", "sauna"}, false},
	})
}
