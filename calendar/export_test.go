package calendar

// ToICal exposes the go-ical tree Encode writes, for the test that holds Encode's own
// writer to go-ical's Encoder.
var ToICal = toICal
