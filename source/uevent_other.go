//go:build !linux

package source

import (
	"context"
	"errors"
)

func ueventWakeups(context.Context) (<-chan struct{}, error) {
	return nil, errors.New("uevents exist only on Linux")
}
