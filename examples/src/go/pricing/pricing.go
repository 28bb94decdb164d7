// Package pricing computes discounts and sales tax. All amounts are in cents.
package pricing

import (
	"fmt"
	"strings"
)

// taxRates are per-region sales tax rates in basis points (1/100 of a percent).
var taxRates = map[string]int64{
	"DE":    1900,
	"FR":    2000,
	"NL":    2100,
	"US-CA": 725,
	"US-OR": 0,
}

// ApplyDiscount takes percent off an amount, rounding half up to the cent.
func ApplyDiscount(cents int64, percent int) int64 {
	if percent <= 0 {
		return cents
	}
	if percent >= 100 {
		return 0
	}
	// BUG: integer division truncates instead of rounding half up.
	return cents * int64(100-percent) / 100
}

// Tax returns the sales tax owed on an amount in a region, rounded half up.
func Tax(cents int64, region string) (int64, error) {
	bp, ok := taxRates[strings.ToUpper(region)]
	if !ok {
		return 0, fmt.Errorf("pricing: no tax rate for region %q", region)
	}
	return (cents*bp + 5000) / 10000, nil
}

// Coupon is a discount code.
type Coupon struct {
	Code     string
	Percent  int
	MinCents int64
}

// Apply returns the discounted amount, or the amount unchanged when the order is below the minimum.
func (c Coupon) Apply(cents int64) int64 {
	if cents < c.MinCents {
		return cents
	}
	return ApplyDiscount(cents, c.Percent)
}

// Format renders cents as a decimal string, e.g. 1299 -> "12.99".
func Format(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}
