// Package checkout turns a cart into an order: discounts, tax and stock reservations.
package checkout

import (
	"errors"
	"fmt"

	"example.com/shop/cart"
	"example.com/shop/inventory"
	"example.com/shop/pricing"
)

// Order is the result of a successful checkout.
type Order struct {
	SubtotalCents int64
	DiscountCents int64
	TaxCents      int64
	TotalCents    int64
	Reservations  []inventory.Reservation
}

// Request describes what the customer is buying and where it ships.
type Request struct {
	Cart   *cart.Cart
	Region string
	Coupon *pricing.Coupon
}

// ErrEmptyCart is returned when checking out a cart with no lines.
var ErrEmptyCart = errors.New("checkout: cart is empty")

// Checkout prices the cart and reserves stock for every line.
// If any reservation fails, the ones already made are released.
func Checkout(req Request, stock *inventory.Store) (Order, error) {
	if req.Cart == nil || req.Cart.Empty() {
		return Order{}, ErrEmptyCart
	}
	var o Order
	o.SubtotalCents = req.Cart.Subtotal()
	discounted := o.SubtotalCents
	if req.Coupon != nil {
		discounted = req.Coupon.Apply(o.SubtotalCents)
	}
	o.DiscountCents = o.SubtotalCents - discounted

	// BUG: tax is charged on the subtotal, not on the discounted amount.
	tax, err := pricing.Tax(o.SubtotalCents, req.Region)
	if err != nil {
		return Order{}, err
	}
	o.TaxCents = tax
	o.TotalCents = discounted + tax

	for _, l := range req.Cart.Lines() {
		r, err := stock.Reserve(l.Product.SKU, l.Qty)
		if err != nil {
			for _, done := range o.Reservations {
				stock.Release(done.ID)
			}
			return Order{}, fmt.Errorf("checkout: %w", err)
		}
		o.Reservations = append(o.Reservations, r)
	}
	return o, nil
}
