// Package catalog holds the products the shop sells.
package catalog

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ErrNotFound is returned when a SKU is not in the catalog.
var ErrNotFound = errors.New("catalog: product not found")

// Product is one sellable item. Prices are in cents.
type Product struct {
	SKU        string `json:"sku"`
	Name       string `json:"name"`
	Category   string `json:"category"`
	PriceCents int64  `json:"price_cents"`
}

// Catalog is an in-memory product catalog keyed by SKU.
type Catalog struct {
	products map[string]Product
}

// New builds a catalog from a list of products. Duplicate SKUs are rejected.
func New(products ...Product) (*Catalog, error) {
	c := &Catalog{products: make(map[string]Product, len(products))}
	for _, p := range products {
		if err := c.Add(p); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Add inserts a product.
func (c *Catalog) Add(p Product) error {
	if strings.TrimSpace(p.SKU) == "" {
		return errors.New("catalog: empty SKU")
	}
	if p.PriceCents < 0 {
		return fmt.Errorf("catalog: %s has a negative price", p.SKU)
	}
	if _, dup := c.products[p.SKU]; dup {
		return fmt.Errorf("catalog: duplicate SKU %s", p.SKU)
	}
	c.products[p.SKU] = p
	return nil
}

// Lookup returns the product with the given SKU.
func (c *Catalog) Lookup(sku string) (Product, error) {
	p, ok := c.products[sku]
	if !ok {
		return Product{}, fmt.Errorf("%w: %s", ErrNotFound, sku)
	}
	return p, nil
}

// ByCategory lists the products of a category, sorted by name.
func (c *Catalog) ByCategory(category string) []Product {
	var out []Product
	for _, p := range c.products {
		if strings.EqualFold(p.Category, category) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Search returns the products whose name contains the query, case-insensitively.
func (c *Catalog) Search(query string) []Product {
	q := strings.ToLower(strings.TrimSpace(query))
	if q == "" {
		return nil
	}
	var out []Product
	for _, p := range c.products {
		if strings.Contains(strings.ToLower(p.Name), q) {
			out = append(out, p)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SKU < out[j].SKU })
	return out
}

// Len is the number of products.
func (c *Catalog) Len() int { return len(c.products) }
