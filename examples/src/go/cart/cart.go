// Package cart is a shopping cart: lines of products and quantities.
package cart

import (
	"errors"
	"fmt"
	"sort"

	"example.com/shop/catalog"
)

// Line is one product in the cart.
type Line struct {
	Product catalog.Product
	Qty     int
}

// Subtotal is the line price before discounts and tax.
func (l Line) Subtotal() int64 { return l.Product.PriceCents * int64(l.Qty) }

// Cart holds lines keyed by SKU.
type Cart struct {
	catalog *catalog.Catalog
	lines   map[string]*Line
}

// MaxQty is the most units of one product a cart may hold.
const MaxQty = 20

// New returns an empty cart backed by a catalog.
func New(c *catalog.Catalog) *Cart {
	return &Cart{catalog: c, lines: make(map[string]*Line)}
}

// Add puts qty units of a SKU in the cart.
func (c *Cart) Add(sku string, qty int) error {
	if qty <= 0 {
		return fmt.Errorf("cart: invalid quantity %d", qty)
	}
	p, err := c.catalog.Lookup(sku)
	if err != nil {
		return err
	}
	l, ok := c.lines[sku]
	if !ok {
		l = &Line{Product: p}
		c.lines[sku] = l
	}
	if l.Qty+qty > MaxQty {
		return fmt.Errorf("cart: at most %d of %s", MaxQty, sku)
	}
	l.Qty += qty
	return nil
}

// Remove takes qty units of a SKU out of the cart, dropping the line when it reaches zero.
func (c *Cart) Remove(sku string, qty int) error {
	l, ok := c.lines[sku]
	if !ok {
		return errors.New("cart: " + sku + " is not in the cart")
	}
	l.Qty -= qty
	if l.Qty <= 0 {
		delete(c.lines, sku)
	}
	return nil
}

// Lines returns the cart lines sorted by SKU.
func (c *Cart) Lines() []Line {
	out := make([]Line, 0, len(c.lines))
	for _, l := range c.lines {
		out = append(out, *l)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Product.SKU < out[j].Product.SKU })
	return out
}

// Subtotal is the sum of all line subtotals.
func (c *Cart) Subtotal() int64 {
	var total int64
	for _, l := range c.lines {
		total += l.Subtotal()
	}
	return total
}

// Empty reports whether the cart has no lines.
func (c *Cart) Empty() bool { return len(c.lines) == 0 }
