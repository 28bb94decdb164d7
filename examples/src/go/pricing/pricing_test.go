package pricing

import "testing"

func TestApplyDiscount(t *testing.T) {
	cases := []struct {
		name    string
		cents   int64
		percent int
		want    int64
	}{
		{"no discount", 2000, 0, 2000},
		{"ten percent", 2000, 10, 1800},
		{"full discount", 2000, 100, 0},
		{"rounds half up", 1001, 15, 851}, // 1001 * 0.85 = 850.85
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := ApplyDiscount(tc.cents, tc.percent); got != tc.want {
				t.Errorf("ApplyDiscount(%d, %d) = %d, want %d", tc.cents, tc.percent, got, tc.want)
			}
		})
	}
}

func TestTax(t *testing.T) {
	got, err := Tax(10000, "de")
	if err != nil {
		t.Fatalf("Tax: %v", err)
	}
	if got != 1900 {
		t.Errorf("Tax(10000, de) = %d, want 1900", got)
	}
}

func TestTaxUnknownRegion(t *testing.T) {
	if _, err := Tax(100, "XX"); err == nil {
		t.Error("Tax(100, XX) succeeded, want an error for an unknown region")
	}
}

func TestFormat(t *testing.T) {
	for cents, want := range map[int64]string{0: "0.00", 5: "0.05", 1299: "12.99", -250: "-2.50"} {
		if got := Format(cents); got != want {
			t.Errorf("Format(%d) = %q, want %q", cents, got, want)
		}
	}
}
