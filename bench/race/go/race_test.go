// The scenarios of go4j-bench's PipelineBench.go4j_pipeline and MutexBench.go4j_*, in Go, for
// bench/race/overhead.sh: the same benchmarks with and without -race give Go's overhead to compare
// go4j-race's with.
package race

import (
	"sync"
	"testing"
)

// repeatFn, mapStage and take are the book's pipeline stages: each a goroutine, unbuffered channels,
// every send and receive a select with done.
func repeatFn(done <-chan struct{}, fn func() int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for {
			select {
			case <-done:
				return
			case out <- fn():
			}
		}
	}()
	return out
}

func mapStage(done <-chan struct{}, in <-chan int, f func(int) int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for v := range in {
			select {
			case <-done:
				return
			case out <- f(v):
			}
		}
	}()
	return out
}

func take(done <-chan struct{}, in <-chan int, n int) <-chan int {
	out := make(chan int)
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			select {
			case <-done:
				return
			case out <- <-in:
			}
		}
	}()
	return out
}

const maxBatch = 1 << 16

var values [maxBatch]int

func init() {
	for i := range values {
		values[i] = i
	}
}

func lookup(v int) int { return values[v] }

// BenchmarkPipeline: ns per value through generator → map → map → take.
func BenchmarkPipeline(b *testing.B) {
	done := make(chan struct{})
	defer close(done)
	next := 0
	gen := func() int { v := values[next%maxBatch]; next++; return v }
	out := take(done, mapStage(done, mapStage(done, repeatFn(done, gen), lookup), lookup), b.N)
	sum := 0
	for v := range out {
		sum += v
	}
	_ = sum
}

// BenchmarkMutexUncontended: one goroutine locks, increments, unlocks.
func BenchmarkMutexUncontended(b *testing.B) {
	var m sync.Mutex
	counter := 0
	for i := 0; i < b.N; i++ {
		m.Lock()
		counter++
		m.Unlock()
	}
}

// BenchmarkMutexContended4: four goroutines share the work; ns per lock/unlock pair.
func BenchmarkMutexContended4(b *testing.B) {
	var m sync.Mutex
	var wg sync.WaitGroup
	counter := 0
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < b.N/4; i++ {
				m.Lock()
				counter++
				m.Unlock()
			}
		}()
	}
	wg.Wait()
}
