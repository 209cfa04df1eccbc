// Command go-bench runs the scenarios of go4j-bench's JMH benchmarks in Go itself, with the same
// batch sizes and the same shape of measurement (warmup and measured iterations of about a second,
// each made of whole batches), and prints one JSON object per scenario on stdout:
//
//	{"scenario":"unbuffered_spsc","param":"","batch":1000000,"ns_per_op":123.4,"stddev":1.2,"iterations":[...],
//	 "start":1795000000.1,"end":1795000008.2}
//
// ns_per_op is nanoseconds per value (per round trip for ping-pong, per select for select).
// Every batch starts its goroutines and waits for them with a WaitGroup, as the Java side starts
// and joins its virtual threads per JMH invocation.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"time"
)

const (
	unbufferedN = 1_000_000 // UnbufferedBench.SPSC
	rounds      = 100_000   // UnbufferedBench.ROUNDS
	bufferedN   = 100_000   // BufferedBench.N
	workers     = 4         // BufferedBench.WORKERS
	selectN     = 100_000   // SelectBench.N
	pipelineN   = 100_000   // PipelineBench.N
	maxBatch    = 1_000_000 // Harness.MAX_BATCH
)

// values holds 0..maxBatch-1 already boxed, as the Java side's Harness.VALUES: sending one allocates nothing.
var values = func() []interface{} {
	v := make([]interface{}, maxBatch)
	for i := range v {
		v[i] = i
	}
	return v
}()

// sink keeps the checksums alive.
var sink int64

func sum(n int) int64 { return int64(n) * int64(n-1) / 2 }

func check(got int64, n int) {
	if got != sum(n) {
		panic(fmt.Sprintf("checksum %d, expected %d", got, sum(n)))
	}
	sink += got
}

// transfer moves 0..n-1 from len(outs) producers (producer p sends its slice on outs[p]) to
// `consumers` consumers receiving n/consumers values each from in.
func transfer(n int, outs []chan int, consumers int, in func() int) {
	producers := len(outs)
	per := n / producers
	perC := n / consumers
	var wg sync.WaitGroup
	sums := make([]int64, consumers)
	wg.Add(producers + consumers)
	for p := 0; p < producers; p++ {
		go func(from int, out chan int) {
			defer wg.Done()
			for i := from; i < from+per; i++ {
				out <- i
			}
		}(p*per, outs[p])
	}
	for c := 0; c < consumers; c++ {
		go func(c int) {
			defer wg.Done()
			var s int64
			for i := 0; i < perC; i++ {
				s += int64(in())
			}
			sums[c] = s
		}(c)
	}
	wg.Wait()
	var total int64
	for _, s := range sums {
		total += s
	}
	check(total, per*producers)
}

func repeat(ch chan int, k int) []chan int {
	outs := make([]chan int, k)
	for i := range outs {
		outs[i] = ch
	}
	return outs
}

func spsc(n, capacity int) {
	ch := make(chan int, capacity)
	transfer(n, []chan int{ch}, 1, func() int { return <-ch })
}

func mpmc(n, capacity int) {
	ch := make(chan int, capacity)
	transfer(n, repeat(ch, workers), workers, func() int { return <-ch })
}

func pingPong(n int) {
	ping, pong := make(chan int), make(chan int)
	var wg sync.WaitGroup
	var s int64
	wg.Add(2)
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			ping <- i
			s += int64(<-pong)
		}
	}()
	go func() {
		defer wg.Done()
		for i := 0; i < n; i++ {
			pong <- <-ping
		}
	}()
	wg.Wait()
	check(s, n)
}

func select2(n int) {
	c0, c1 := make(chan int), make(chan int)
	transfer(n, []chan int{c0, c1}, 1, func() int {
		select {
		case v := <-c0:
			return v
		case v := <-c1:
			return v
		}
	})
}

func select4(n int) {
	c0, c1, c2, c3 := make(chan int), make(chan int), make(chan int), make(chan int)
	transfer(n, []chan int{c0, c1, c2, c3}, 1, func() int {
		select {
		case v := <-c0:
			return v
		case v := <-c1:
			return v
		case v := <-c2:
			return v
		case v := <-c3:
			return v
		}
	})
}

// The book's pipeline stages (chapter 4: repeatFn, take; a map stage in the shape of its multiply and
// add), each a goroutine whose every send and receive is a select with done, as dev.go4j.pattern.Pipelines.
func repeatFn(done <-chan interface{}, fn func() interface{}) <-chan interface{} {
	out := make(chan interface{})
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

// recvOrDone receives from in unless done closes first; ok is false when done closed or in is closed.
func recvOrDone(done, in <-chan interface{}) (v interface{}, ok bool) {
	select {
	case <-done:
		return nil, false
	case v, ok = <-in:
		return v, ok
	}
}

// sendOrDone sends v on out unless done closes first; false when done closed.
func sendOrDone(done <-chan interface{}, out chan<- interface{}, v interface{}) bool {
	select {
	case <-done:
		return false
	case out <- v:
		return true
	}
}

func mapStage(done <-chan interface{}, in <-chan interface{}, fn func(interface{}) interface{}) <-chan interface{} {
	out := make(chan interface{})
	go func() {
		defer close(out)
		for {
			v, ok := recvOrDone(done, in)
			if !ok || !sendOrDone(done, out, fn(v)) {
				return
			}
		}
	}()
	return out
}

func take(done <-chan interface{}, in <-chan interface{}, n int) <-chan interface{} {
	out := make(chan interface{})
	go func() {
		defer close(out)
		for i := 0; i < n; i++ {
			v, ok := recvOrDone(done, in)
			if !ok || !sendOrDone(done, out, v) {
				return
			}
		}
	}()
	return out
}

// pipeline is PipelineBench.go4j_pipeline: generator → map → map → take, the stages a table lookup.
func pipeline(n int) {
	done := make(chan interface{})
	next := 0
	counter := func() interface{} {
		v := values[next%maxBatch]
		next++
		return v
	}
	lookup := func(v interface{}) interface{} { return values[v.(int)] }
	var s int64
	for v := range take(done, mapStage(done, mapStage(done, repeatFn(done, counter), lookup), lookup), n) {
		s += int64(v.(int))
	}
	close(done)
	check(s, n)
}

type scenario struct {
	name  string // matches bench/report.py's keys
	param string // JMH @Param value, "" if none
	batch int    // values (round trips, selects) per operation
	op    func()
	procs int // GOMAXPROCS for this scenario; 0 keeps the environment's
}

type result struct {
	Scenario   string    `json:"scenario"`
	Param      string    `json:"param"`
	Batch      int       `json:"batch"`
	NsPerOp    float64   `json:"ns_per_op"`
	Stddev     float64   `json:"stddev"`
	Iterations []float64 `json:"iterations"`
	Start      float64   `json:"start"` // unix seconds: when warmup began
	End        float64   `json:"end"`   // and when the last iteration ended
}

// iteration runs whole batches for at least d and returns ns per value.
func iteration(s scenario, d time.Duration) float64 {
	ops := 0
	start := time.Now()
	for {
		s.op()
		ops++
		if el := time.Since(start); el >= d {
			return float64(el.Nanoseconds()) / float64(ops*s.batch)
		}
	}
}

func unixSeconds() float64 { return float64(time.Now().UnixNano()) / 1e9 }

func main() {
	warmups := flag.Int("wi", 3, "warmup iterations")
	iters := flag.Int("i", 5, "measured iterations")
	w := flag.Duration("w", time.Second, "warmup iteration time")
	r := flag.Duration("r", time.Second, "measured iteration time")
	only := flag.String("run", "", "regexp: run only the scenarios whose name/param matches")
	flag.Parse()
	filter := regexp.MustCompile(*only)

	scenarios := []scenario{
		{"unbuffered_spsc", "", unbufferedN, func() { spsc(unbufferedN, 0) }, 0},
		{"unbuffered_pingpong", "", rounds, func() { pingPong(rounds) }, 0},
		{"buffered_spsc", "16", bufferedN, func() { spsc(bufferedN, 16) }, 0},
		{"buffered_mpmc", "16", bufferedN, func() { mpmc(bufferedN, 16) }, 0},
		{"buffered_spsc", "1024", bufferedN, func() { spsc(bufferedN, 1024) }, 0},
		{"buffered_mpmc", "1024", bufferedN, func() { mpmc(bufferedN, 1024) }, 0},
		{"select", "2", selectN, func() { select2(selectN) }, 0},
		{"select", "4", selectN, func() { select4(selectN) }, 0},
		{"pipeline", "", pipelineN, func() { pipeline(pipelineN) }, 0},
	}
	// The buffered scenarios again on one P, against go4j on one carrier thread: the cost of the channel
	// itself, without the scheduler's placement of the two sides (see docs/benchmarks.md).
	for _, c := range []int{16, 1024} {
		c := c
		scenarios = append(scenarios,
			scenario{"buffered_spsc_1p", strconv.Itoa(c), bufferedN, func() { spsc(bufferedN, c) }, 1},
			scenario{"buffered_mpmc_1p", strconv.Itoa(c), bufferedN, func() { mpmc(bufferedN, c) }, 1})
	}
	enc := json.NewEncoder(os.Stdout)
	for _, s := range scenarios {
		if !filter.MatchString(s.name + "/" + s.param) {
			continue
		}
		prevProcs := runtime.GOMAXPROCS(0)
		if s.procs > 0 {
			runtime.GOMAXPROCS(s.procs)
		}
		start := unixSeconds()
		for i := 0; i < *warmups; i++ {
			iteration(s, *w)
		}
		res := result{Scenario: s.name, Param: s.param, Batch: s.batch, Start: start}
		var total float64
		for i := 0; i < *iters; i++ {
			v := iteration(s, *r)
			res.Iterations = append(res.Iterations, v)
			total += v
		}
		res.End = unixSeconds()
		runtime.GOMAXPROCS(prevProcs)
		res.NsPerOp = total / float64(*iters)
		var sq float64
		for _, v := range res.Iterations {
			sq += (v - res.NsPerOp) * (v - res.NsPerOp)
		}
		if *iters > 1 {
			res.Stddev = math.Sqrt(sq / float64(*iters-1))
		}
		if err := enc.Encode(res); err != nil {
			panic(err)
		}
	}
	fmt.Fprintf(os.Stderr, "go-bench: done (sink %d)\n", sink%7)
}
