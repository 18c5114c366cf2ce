package booking

import (
	"sync"
	"time"
)

// roomCache keeps the rooms the booking fast path read, each with the settings generation it
// was read at (booking_settings_generation) and the local day it was read for (closures
// that ended before that day are left out of it). A booking of a cached room skips the read:
// its write inserts nothing unless the generation is still the cached one, and the room is
// then read again. So a cached room is only ever a guess that the database confirms in the
// same statement that books.
type roomCache struct {
	mu     sync.RWMutex
	rooms  map[int64]cachedRoom
	latest int64 // the highest generation read: entries older than it are stale
}

type cachedRoom struct {
	r   *room
	gen int64
	day time.Time
}

// roomCacheSize bounds the cache; past it, it starts afresh. A city has some thousand rooms.
const roomCacheSize = 20000

// get returns the room read for day at the latest generation seen, if any. The room must not
// be changed by the caller.
func (c *roomCache) get(id int64, day time.Time) (*room, int64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.rooms[id]
	if !ok || e.gen < c.latest || !e.day.Equal(day) {
		return nil, 0, false
	}
	return e.r, e.gen, true
}

// put keeps r, read at generation gen for day.
func (c *roomCache) put(r *room, gen int64, day time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.rooms == nil || len(c.rooms) >= roomCacheSize {
		c.rooms = make(map[int64]cachedRoom)
	}
	c.latest = max(c.latest, gen)
	if gen == c.latest {
		c.rooms[r.ID] = cachedRoom{r: r, gen: gen, day: day}
	}
}

// forget drops a room whose generation turned out stale.
func (c *roomCache) forget(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.rooms, id)
}
