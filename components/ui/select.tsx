import { forwardRef, type SelectHTMLAttributes } from "react";
import { cn } from "./cn";
import { controlClasses } from "./input";

export const Select = forwardRef<HTMLSelectElement, SelectHTMLAttributes<HTMLSelectElement>>(function Select({ className, ...props }, ref) {
  return <select ref={ref} className={cn(controlClasses, "min-h-10", className)} {...props} />;
});
