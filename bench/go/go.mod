module go4j.dev/bench

go 1.19
